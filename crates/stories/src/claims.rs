//! Known claims (from JSON lines or fact-checkers' ClaimReview JSON-LD) and
//! their matching against documents: sentence-level similarity of names,
//! entity pairs and content words, across languages through the entity
//! aliases; the top documents per claim with the sentences that match.

use crate::features::{extract, kind_of, Kind};
use crate::lexicon;
use crate::stories::{StoryDoc, StoryId, StoryIndex};
use crate::vector::{cosine, doc_weights, DocFreq, Sparse};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// A claim that fact-checkers have examined.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub verdict: Option<String>,
}

/// A problem with one record of a claims file (`line` counts from 1; for a
/// JSON-LD document, the position of the review in it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimIssue {
    pub line: usize,
    pub message: String,
}

/// What a claims file gave: claims, records that could not be read
/// (`errors`), and claims kept with a caveat (`warnings`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ClaimsRead {
    pub claims: Vec<Claim>,
    pub errors: Vec<ClaimIssue>,
    pub warnings: Vec<ClaimIssue>,
}

fn as_string(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(a) => as_string(a.first()),
        Value::Object(o) => as_string(o.get("name").or_else(|| o.get("@value"))),
        _ => None,
    }
}

fn is_claim_review(v: &Value) -> bool {
    let t = v.get("@type");
    let has = |s: &str| s.eq_ignore_ascii_case("ClaimReview");
    match t {
        Some(Value::String(s)) => has(s),
        Some(Value::Array(a)) => a.iter().any(|x| x.as_str().is_some_and(has)),
        _ => v.get("claimReviewed").is_some(),
    }
}

/// A claim from one schema.org `ClaimReview` object.
fn from_review(v: &Value, fallback_id: String) -> Result<Claim, String> {
    let text = as_string(v.get("claimReviewed")).ok_or("ClaimReview without claimReviewed")?;
    let item = v.get("itemReviewed");
    let language = as_string(v.get("inLanguage"))
        .or_else(|| item.and_then(|i| as_string(i.get("inLanguage"))))
        .map(|l| {
            l.split(['-', '_'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase()
        })
        .filter(|l| !l.is_empty());
    let date = item
        .and_then(|i| as_string(i.get("datePublished")))
        .or_else(|| as_string(v.get("datePublished")));
    let verdict = v.get("reviewRating").and_then(|r| {
        as_string(r.get("alternateName")).or_else(|| as_string(r.get("ratingValue")))
    });
    let url = as_string(v.get("url"));
    let id = as_string(v.get("@id"))
        .or_else(|| url.clone())
        .unwrap_or(fallback_id);
    Ok(Claim {
        id,
        text,
        language,
        date,
        url,
        verdict,
    })
}

/// Every ClaimReview in a JSON-LD value (an object, an array, `@graph`).
fn reviews_in(v: &Value, out: &mut Vec<Value>, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| reviews_in(x, out, depth + 1)),
        Value::Object(o) => {
            if is_claim_review(v) {
                out.push(v.clone());
            } else if let Some(g) = o.get("@graph") {
                reviews_in(g, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn from_record(v: &Value, line: usize) -> Result<Claim, String> {
    if is_claim_review(v) {
        return from_review(v, format!("claim-{line}"));
    }
    let Value::Object(_) = v else {
        return Err("a claim must be a JSON object".into());
    };
    let text = as_string(v.get("text")).ok_or("missing or empty \"text\"")?;
    let id = as_string(v.get("id")).ok_or("missing \"id\"")?;
    Ok(Claim {
        id,
        text,
        language: as_string(v.get("language").or_else(|| v.get("lang")))
            .map(|l| l.to_ascii_lowercase()),
        date: as_string(v.get("date")),
        url: as_string(v.get("url")),
        verdict: as_string(v.get("verdict")),
    })
}

fn check(c: &Claim, line: usize, r: &mut ClaimsRead) {
    match c.language.as_deref() {
        Some(l) if lexicon::stop_words(l).is_none() => r.warnings.push(ClaimIssue {
            line,
            message: format!(
                "claim {}: language {l:?} has no stop-word list; matched on names, numbers and words without stop-word filtering",
                c.id
            ),
        }),
        _ => {}
    }
}

/// Reads claims: JSON lines (one claim or one ClaimReview per line) or one
/// JSON-LD document (object, array or `@graph`) of ClaimReviews. Nothing
/// is dropped silently: unreadable records are listed in `errors` with
/// their line, duplicates of an id in `warnings` (the first is kept).
pub fn read_claims(input: &str) -> ClaimsRead {
    let mut r = ClaimsRead::default();
    let trimmed = input.trim_start();
    // A whole-document JSON-LD (possibly pretty-printed over many lines).
    if trimmed.starts_with('[') || (trimmed.starts_with('{') && input.trim().lines().count() > 1) {
        if let Ok(v) = serde_json::from_str::<Value>(input) {
            let mut reviews = Vec::new();
            reviews_in(&v, &mut reviews, 0);
            if !reviews.is_empty() || trimmed.starts_with('[') {
                for (i, rv) in reviews.iter().enumerate() {
                    match from_review(rv, format!("claim-{}", i + 1)) {
                        Ok(c) => {
                            check(&c, i + 1, &mut r);
                            r.claims.push(c)
                        }
                        Err(e) => r.errors.push(ClaimIssue {
                            line: i + 1,
                            message: e,
                        }),
                    }
                }
                if reviews.is_empty() {
                    r.errors.push(ClaimIssue {
                        line: 1,
                        message: "no ClaimReview found in the JSON document".into(),
                    });
                }
                dedup(&mut r);
                return r;
            }
        }
    }
    for (i, line) in input.lines().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Err(e) => r.errors.push(ClaimIssue {
                line: n,
                message: format!("not JSON: {e}"),
            }),
            Ok(v) => {
                let mut reviews = Vec::new();
                if v.get("@graph").is_some() || v.is_array() {
                    reviews_in(&v, &mut reviews, 0);
                }
                let got: Vec<Result<Claim, String>> = if reviews.is_empty() {
                    vec![from_record(&v, n)]
                } else {
                    reviews
                        .iter()
                        .map(|x| from_review(x, format!("claim-{n}")))
                        .collect()
                };
                for g in got {
                    match g {
                        Ok(c) => {
                            check(&c, n, &mut r);
                            r.claims.push(c)
                        }
                        Err(e) => r.errors.push(ClaimIssue {
                            line: n,
                            message: e,
                        }),
                    }
                }
            }
        }
    }
    dedup(&mut r);
    r
}

fn dedup(r: &mut ClaimsRead) {
    let mut seen = std::collections::HashSet::new();
    let mut kept = Vec::with_capacity(r.claims.len());
    for c in std::mem::take(&mut r.claims) {
        if seen.insert(c.id.clone()) {
            kept.push(c);
        } else {
            r.warnings.push(ClaimIssue {
                line: 0,
                message: format!("claim id {:?} given twice; the first one is kept", c.id),
            });
        }
    }
    r.claims = kept;
}

/// Options of claim matching.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimOptions {
    /// Documents kept per claim.
    pub top_k: usize,
    /// Longest run of consecutive sentences compared with a claim.
    pub window: usize,
    /// Hits scoring below this are dropped.
    pub min_score: f32,
    /// Share of the best sentence window in the score (the rest: the whole
    /// document).
    pub sentence_share: f32,
    /// Sentences read per document (bounded work).
    pub max_sentences: usize,
}

impl Default for ClaimOptions {
    fn default() -> Self {
        ClaimOptions {
            top_k: 5,
            window: 2,
            min_score: 0.05,
            sentence_share: 0.6,
            max_sentences: 400,
        }
    }
}

/// A sentence (or run of sentences) that matches a claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatchedSentence {
    /// Character offsets in the document's text.
    pub begin: usize,
    pub end: usize,
    pub text: String,
    pub score: f32,
}

/// A document that carries a claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimHit {
    pub doc: String,
    pub score: f32,
    pub sentences: Vec<MatchedSentence>,
}

/// The best documents for one claim, best first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimMatches {
    pub claim: String,
    pub hits: Vec<ClaimHit>,
}

struct Prepared {
    weights: Sparse,
    lang: Option<String>,
}

fn similarity(a: &Sparse, b: &Sparse, same_lang: bool, df: &DocFreq) -> f32 {
    let ce = cosine(a, b, Kind::Entity, df);
    let cp = cosine(a, b, Kind::Pair, df);
    let ct = cosine(a, b, Kind::Term, df);
    if same_lang {
        0.35 * ce + 0.15 * cp + 0.5 * ct
    } else {
        0.6 * ce + 0.25 * cp + 0.15 * ct
    }
}

/// Scores one document against every claim sharing a feature with it.
fn score_doc(
    doc: &StoryDoc,
    claims: &[Prepared],
    df: &DocFreq,
    opts: &ClaimOptions,
) -> Vec<(usize, ClaimHit)> {
    let f = doc.features();
    let dw = doc_weights(&f.counts());
    let dlang = doc.lang.clone().or(f.lang.clone());
    let chars: Vec<char> = doc.text.chars().collect();
    let n = f.sentences.len().min(opts.max_sentences);
    // Window vectors, computed once.
    let mut windows: Vec<(usize, usize, Sparse)> = Vec::new();
    for len in 1..=opts.window.max(1) {
        for b in 0..n {
            if b + len <= n {
                windows.push((b, b + len, doc_weights(&f.counts_of(b..b + len))));
            }
        }
    }
    let mut out = Vec::new();
    for (ci, c) in claims.iter().enumerate() {
        let shares = c
            .weights
            .iter()
            .any(|(k, _)| kind_of(*k) != Kind::Pair && dw.binary_search_by_key(k, |x| x.0).is_ok());
        if !shares {
            continue;
        }
        let same = match (&c.lang, &dlang) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        };
        let whole = similarity(&c.weights, &dw, same, df);
        let mut best: Vec<(f32, usize, usize)> = windows
            .iter()
            .map(|(b, e, w)| (similarity(&c.weights, w, same, df), *b, *e))
            .collect();
        best.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let top = best.first().map_or(0.0, |x| x.0);
        let score = opts.sentence_share * top + (1.0 - opts.sentence_share) * whole;
        if score < opts.min_score {
            continue;
        }
        let mut sentences = Vec::new();
        for (s, b, e) in best.iter().take(6) {
            if sentences.len() >= 2 || *s <= 0.0 {
                break;
            }
            let (Some(sb), Some(se)) = (f.sentences.get(*b), f.sentences.get(e - 1)) else {
                continue;
            };
            if sentences
                .iter()
                .any(|m: &MatchedSentence| m.begin < se.end && sb.begin < m.end)
            {
                continue;
            }
            sentences.push(MatchedSentence {
                begin: sb.begin,
                end: se.end,
                text: chars
                    .get(sb.begin..se.end.min(chars.len()))
                    .unwrap_or(&[])
                    .iter()
                    .collect(),
                score: round3(*s),
            });
        }
        out.push((
            ci,
            ClaimHit {
                doc: doc.id.clone(),
                score: round3(score),
                sentences,
            },
        ));
    }
    out
}

fn round3(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

/// Matches every claim against `docs` and keeps the `opts.top_k` best
/// documents per claim (ties by document id). Document frequencies come
/// from `docs` themselves (with the claims); deterministic whatever the
/// number of threads.
pub fn match_claims(claims: &[Claim], docs: &[StoryDoc], opts: &ClaimOptions) -> Vec<ClaimMatches> {
    let mut df = DocFreq::default();
    let counts: Vec<Sparse> = docs.par_iter().map(|d| d.features().counts()).collect();
    for c in &counts {
        df.add(c);
    }
    match_claims_with(claims, docs, &df, opts)
}

/// [`match_claims`] with the document frequencies of a story index (for
/// matching a stream of documents in chunks with stable weights).
pub fn match_claims_indexed(
    claims: &[Claim],
    docs: &[StoryDoc],
    index: &StoryIndex,
    opts: &ClaimOptions,
) -> Vec<ClaimMatches> {
    match_claims_with(claims, docs, &index.df, opts)
}

fn match_claims_with(
    claims: &[Claim],
    docs: &[StoryDoc],
    df: &DocFreq,
    opts: &ClaimOptions,
) -> Vec<ClaimMatches> {
    let prepared: Vec<Prepared> = claims
        .iter()
        .map(|c| {
            let f = extract(&c.text, &[], c.language.as_deref());
            Prepared {
                weights: doc_weights(&f.counts()),
                lang: c.language.clone().or(f.lang),
            }
        })
        .collect();
    let hits: Vec<Vec<(usize, ClaimHit)>> = docs
        .par_iter()
        .map(|d| score_doc(d, &prepared, df, opts))
        .collect();
    let mut per: Vec<Vec<ClaimHit>> = vec![Vec::new(); claims.len()];
    for (ci, h) in hits.into_iter().flatten() {
        if let Some(v) = per.get_mut(ci) {
            v.push(h);
        }
    }
    claims
        .iter()
        .zip(per)
        .map(|(c, mut v)| {
            v.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.doc.cmp(&b.doc)));
            v.truncate(opts.top_k);
            ClaimMatches {
                claim: c.id.clone(),
                hits: v,
            }
        })
        .collect()
}

/// Stories carrying each claim: the best score of their documents among the
/// hits, best first (ties by story id).
pub fn story_matches(
    index: &StoryIndex,
    matches: &[ClaimMatches],
) -> BTreeMap<String, Vec<(StoryId, f32)>> {
    let story_of: std::collections::HashMap<&str, StoryId> = index
        .assignments()
        .iter()
        .map(|(d, s)| (d.as_str(), *s))
        .collect();
    let mut out = BTreeMap::new();
    for m in matches {
        let mut best: BTreeMap<StoryId, f32> = BTreeMap::new();
        for h in &m.hits {
            if let Some(&s) = story_of.get(h.doc.as_str()) {
                let e = best.entry(s).or_insert(0.0);
                *e = e.max(h.score);
            }
        }
        let mut v: Vec<(StoryId, f32)> = best.into_iter().collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out.insert(m.claim.clone(), v);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_with_errors_and_warnings() {
        let input = "{\"id\":\"a\",\"text\":\"The moon is cheese\",\"language\":\"en\"}\nnot json\n{\"id\":\"b\"}\n\n{\"id\":\"c\",\"text\":\"نص\",\"language\":\"ar\"}\n{\"id\":\"a\",\"text\":\"again\"}\n";
        let r = read_claims(input);
        assert_eq!(r.claims.len(), 2);
        assert_eq!(
            r.errors.iter().map(|e| e.line).collect::<Vec<_>>(),
            vec![2, 3]
        );
        assert_eq!(r.warnings.len(), 2, "{:?}", r.warnings);
    }

    #[test]
    fn claim_review_json_ld() {
        let doc = r#"{
  "@context": "https://schema.org",
  "@graph": [
    {"@type": "WebPage", "name": "x"},
    {"@type": "ClaimReview", "url": "https://example.org/fc/1",
     "claimReviewed": "Les avions provoquent la sécheresse",
     "inLanguage": "fr-FR", "datePublished": "2023-04-20",
     "itemReviewed": {"@type": "Claim", "datePublished": "2023-04-18"},
     "reviewRating": {"@type": "Rating", "ratingValue": 1, "alternateName": "Faux"}}
  ]
}"#;
        let r = read_claims(doc);
        assert!(r.errors.is_empty(), "{:?}", r.errors);
        assert_eq!(r.claims.len(), 1);
        let c = &r.claims[0];
        assert_eq!(c.id, "https://example.org/fc/1");
        assert_eq!(c.language.as_deref(), Some("fr"));
        assert_eq!(c.verdict.as_deref(), Some("Faux"));
        assert_eq!(c.date.as_deref(), Some("2023-04-18"));
        // One ClaimReview per line also works.
        let line = r#"{"@type":"ClaimReview","claimReviewed":"Claim text","url":"u"}"#;
        assert_eq!(read_claims(line).claims.len(), 1);
        assert_eq!(read_claims("[]").errors.len(), 1);
    }
}
