//! Evaluation: pairwise precision/recall/F1 of a clustering (Miranda et al.
//! 2018), success@k of claim matching, loaders for our evaluation set and
//! for the shared NewsWCL50 and MEANTIME sets, and the runs that produce
//! every figure reported.

use crate::claims::{match_claims, Claim, ClaimOptions};
use crate::narratives::{narratives, NarrativeOptions};
use crate::stories::{StoryDoc, StoryIndex, StoryOptions};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Pairwise scores: a pair of items is positive when both are in one
/// cluster.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Items scored.
    pub items: usize,
}

fn pairs(n: u64) -> u64 {
    n * n.saturating_sub(1) / 2
}

/// Pairwise P/R/F1 of `pred` against `gold`, over the items of `gold`.
/// `None` labels are singletons (in no cluster).
pub fn pairwise_prf(
    gold: &[(String, Option<String>)],
    pred: &HashMap<String, Option<String>>,
) -> Prf {
    let mut g: HashMap<&str, u64> = HashMap::new();
    let mut p: HashMap<&str, u64> = HashMap::new();
    let mut both: HashMap<(&str, &str), u64> = HashMap::new();
    for (id, gl) in gold {
        let pl = pred.get(id).and_then(|x| x.as_deref());
        if let Some(gl) = gl.as_deref() {
            *g.entry(gl).or_insert(0) += 1;
            if let Some(pl) = pl {
                *both.entry((gl, pl)).or_insert(0) += 1;
            }
        }
        if let Some(pl) = pl {
            *p.entry(pl).or_insert(0) += 1;
        }
    }
    let tp: u64 = both.values().map(|&n| pairs(n)).sum();
    let gp: u64 = g.values().map(|&n| pairs(n)).sum();
    let pp: u64 = p.values().map(|&n| pairs(n)).sum();
    let precision = if pp == 0 { 1.0 } else { tp as f64 / pp as f64 };
    let recall = if gp == 0 { 1.0 } else { tp as f64 / gp as f64 };
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    Prf {
        precision,
        recall,
        f1,
        items: gold.len(),
    }
}

/// One labelled document of an evaluation set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvalDoc {
    pub doc: StoryDoc,
    pub event: String,
    pub narrative: Option<String>,
}

/// Our evaluation set, built into the binary (dev: tuning; held-out:
/// reported), with its claims and their truth.
pub const EVAL_DEV: &str = include_str!("../data/dev.jsonl");
pub const EVAL_HELDOUT: &str = include_str!("../data/heldout.jsonl");
pub const EVAL_CLAIMS: &str = include_str!("../data/claims.jsonl");
pub const EVAL_CLAIMS_TRUTH: &str = include_str!("../data/claims-truth.jsonl");

/// Reads our evaluation set (JSON lines: id, event, narrative, lang, date,
/// outlet, title, text).
pub fn load_eval_set(path: &Path) -> Result<Vec<EvalDoc>, String> {
    let s = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    parse_eval_set(&s, &path.display().to_string())
}

/// [`load_eval_set`] on a string; `name` prefixes error messages (with the
/// line number).
pub fn parse_eval_set(s: &str, name: &str) -> Result<Vec<EvalDoc>, String> {
    let mut out = Vec::new();
    for (i, line) in s.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(line).map_err(|e| format!("{name}:{}: {e}", i + 1))?;
        let doc: StoryDoc =
            serde_json::from_value(v.clone()).map_err(|e| format!("{name}:{}: {e}", i + 1))?;
        out.push(EvalDoc {
            doc,
            event: v
                .get("event")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            narrative: v.get("narrative").and_then(Value::as_str).map(String::from),
        });
    }
    Ok(out)
}

/// Story and narrative figures on one labelled set.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SetScores {
    pub documents: usize,
    pub events: usize,
    pub stories: usize,
    pub story: Prf,
    pub narratives: usize,
    pub narrative: Prf,
}

/// Clusters `docs` into stories (one batch) and narratives, and scores both
/// against the labels.
pub fn eval_set(docs: &[EvalDoc], so: &StoryOptions, no: &NarrativeOptions) -> SetScores {
    let mut ix = StoryIndex::new(so.clone());
    let plain: Vec<StoryDoc> = docs.iter().map(|d| d.doc.clone()).collect();
    let ids = ix.add_batch(&plain);
    let pred: HashMap<String, Option<String>> = docs
        .iter()
        .zip(&ids)
        .map(|(d, s)| (d.doc.id.clone(), Some(s.to_string())))
        .collect();
    let gold: Vec<(String, Option<String>)> = docs
        .iter()
        .map(|d| (d.doc.id.clone(), Some(d.event.clone())))
        .collect();
    let story = pairwise_prf(&gold, &pred);
    let ns = narratives(&ix, no);
    let mut npred: HashMap<String, Option<String>> =
        docs.iter().map(|d| (d.doc.id.clone(), None)).collect();
    for n in &ns {
        for d in &n.documents {
            npred.insert(d.clone(), Some(n.id.to_string()));
        }
    }
    let ngold: Vec<(String, Option<String>)> = docs
        .iter()
        .map(|d| (d.doc.id.clone(), d.narrative.clone()))
        .collect();
    let mut events: Vec<&str> = docs.iter().map(|d| d.event.as_str()).collect();
    events.sort_unstable();
    events.dedup();
    SetScores {
        documents: docs.len(),
        events: events.len(),
        stories: ix.len(),
        story,
        narratives: ns.len(),
        narrative: pairwise_prf(&ngold, &npred),
    }
}

/// Success@k of claim matching: the share of claims with at least one
/// expected document among their top k.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ClaimScores {
    pub claims: usize,
    pub success_at_k: f64,
    pub k: usize,
    /// Mean reciprocal rank of the first expected document.
    pub mrr: f64,
}

/// Scores claim matching of `claims` over `docs` with `truth` (claim id →
/// expected document ids).
pub fn eval_claims(
    claims: &[Claim],
    docs: &[StoryDoc],
    truth: &BTreeMap<String, Vec<String>>,
    opts: &ClaimOptions,
) -> ClaimScores {
    let ms = match_claims(claims, docs, opts);
    let (mut ok, mut rr, mut n) = (0usize, 0f64, 0usize);
    for m in &ms {
        let Some(expect) = truth.get(&m.claim) else {
            continue;
        };
        n += 1;
        if let Some(r) = m.hits.iter().position(|h| expect.contains(&h.doc)) {
            ok += 1;
            rr += 1.0 / (r + 1) as f64;
        }
    }
    ClaimScores {
        claims: n,
        success_at_k: if n == 0 { 0.0 } else { ok as f64 / n as f64 },
        k: opts.top_k,
        mrr: if n == 0 { 0.0 } else { rr / n as f64 },
    }
}

/// Reads a claims truth file (JSON lines `{claim, split, docs}`): claim id
/// → (split, expected documents).
pub fn load_claims_truth(path: &Path) -> Result<BTreeMap<String, (String, Vec<String>)>, String> {
    let s = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    parse_claims_truth(&s, &path.display().to_string())
}

/// [`load_claims_truth`] on a string; `name` prefixes error messages.
pub fn parse_claims_truth(
    s: &str,
    name: &str,
) -> Result<BTreeMap<String, (String, Vec<String>)>, String> {
    let mut out = BTreeMap::new();
    for (i, line) in s.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(line).map_err(|e| format!("{name}:{}: {e}", i + 1))?;
        let id = v
            .get("claim")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let split = v
            .get("split")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let docs = v
            .get("docs")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        out.insert(id, (split, docs));
    }
    Ok(out)
}

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    ("gennaio", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("dicembre", 12),
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("mei", 5),
    ("juni", 6),
    ("juli", 7),
    ("augustus", 8),
    ("oktober", 10),
    ("janvier", 1),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("decembre", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// A dateline such as MEANTIME's second line ("March 01, 2008", "1 de
/// marzo de 2008", "1 marzo 2008", "01-Mar-08") as an ISO date.
pub fn dateline(line: &str) -> Option<String> {
    let folded = echotrace_core::normalise::folded(line);
    let w: Vec<&str> = folded
        .split(' ')
        .filter(|x| !x.is_empty() && *x != "de" && *x != "del")
        .collect();
    if w.len() > 6 || w.len() < 3 {
        return None;
    }
    let month = |s: &str| MONTHS.iter().find(|(m, _)| *m == s).map(|x| x.1);
    let num = |s: &str| s.parse::<u32>().ok();
    let (d, m, y) = if let Some(m) = month(w[0]) {
        (num(w[1])?, m, num(w[2])?)
    } else {
        (num(w[0])?, month(w[1])?, num(w[2])?)
    };
    let y = if y < 100 { 2000 + y } else { y };
    let s = format!("{y:04}-{m:02}-{d:02}");
    crate::dates::parse_interval(&s).map(|_| s)
}

/// Reads NewsWCL50 (`event_id` = story; no dates).
pub fn load_newswcl50(path: &Path) -> Result<Vec<EvalDoc>, String> {
    let s = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    for line in s.lines().filter(|l| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
        let text = v
            .get("text")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        out.push(EvalDoc {
            doc: StoryDoc {
                id: v
                    .get("id")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string(),
                lang: Some("en".into()),
                outlet: v.get("outlet").and_then(Value::as_str).map(String::from),
                title: text.lines().next().map(String::from),
                text,
                ..Default::default()
            },
            event: v.get("event_id").map(|x| x.to_string()).unwrap_or_default(),
            narrative: None,
        });
    }
    Ok(out)
}

/// Reads MEANTIME (`article_id` = story across en/es/it/nl); the date is
/// read from the dateline (second line), the title is the first line.
pub fn load_meantime(path: &Path) -> Result<Vec<EvalDoc>, String> {
    let s = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    for line in s.lines().filter(|l| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
        let text = v
            .get("text")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let mut lines = text.lines();
        let title = lines.next().map(String::from);
        let date = lines.next().and_then(dateline);
        out.push(EvalDoc {
            doc: StoryDoc {
                id: v
                    .get("id")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string(),
                lang: v.get("lang").and_then(Value::as_str).map(String::from),
                date,
                outlet: Some("wikinews".into()),
                title,
                text,
                ..Default::default()
            },
            event: v
                .get("article_id")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            narrative: None,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_sets_parse() {
        let dev = parse_eval_set(EVAL_DEV, "dev").unwrap();
        let held = parse_eval_set(EVAL_HELDOUT, "heldout").unwrap();
        assert!(dev.len() > 10 && held.len() > 5);
        let truth = parse_claims_truth(EVAL_CLAIMS_TRUTH, "truth").unwrap();
        assert!(!truth.is_empty());
        let err = parse_eval_set("{\"id\":\"a\",\"text\":\"x\"}\nnot json\n", "f").unwrap_err();
        assert!(err.starts_with("f:2:"), "{err}");
    }

    #[test]
    fn pairwise_counts() {
        let gold: Vec<(String, Option<String>)> = [("a", "x"), ("b", "x"), ("c", "y"), ("d", "y")]
            .iter()
            .map(|(a, b)| (a.to_string(), Some(b.to_string())))
            .collect();
        let pred: HashMap<String, Option<String>> =
            [("a", "1"), ("b", "1"), ("c", "1"), ("d", "2")]
                .iter()
                .map(|(a, b)| (a.to_string(), Some(b.to_string())))
                .collect();
        let p = pairwise_prf(&gold, &pred);
        assert!((p.precision - 1.0 / 3.0).abs() < 1e-9);
        assert!((p.recall - 0.5).abs() < 1e-9);
        assert_eq!(pairwise_prf(&gold, &gold.iter().cloned().collect()).f1, 1.0);
    }

    #[test]
    fn datelines() {
        assert_eq!(dateline("March 01, 2008").as_deref(), Some("2008-03-01"));
        assert_eq!(
            dateline("1 de marzo de 2008").as_deref(),
            Some("2008-03-01")
        );
        assert_eq!(
            dateline("20 de noviembre del 2004").as_deref(),
            Some("2004-11-20")
        );
        assert_eq!(dateline("1 marzo 2008").as_deref(), Some("2008-03-01"));
        assert_eq!(dateline("01-Mar-08").as_deref(), Some("2008-03-01"));
        assert_eq!(
            dateline("Northrop Grumman and Airbus parent EADS defeat Boeing"),
            None
        );
    }
}
