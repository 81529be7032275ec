//! Scoring quote extraction against a gold set: span precision, recall and
//! F1 (a predicted quote matches a gold quote when their overlap is at least
//! half of each; one-to-one, largest overlaps first) and speaker accuracy
//! over the matched quotes.

use crate::model::{CharSpan, Quote, QuoteKind, Resolution};
use crate::text::fold_words;
use serde::{Deserialize, Serialize};

/// The development gold set shipped with the crate (`data/gold_dev.jsonl`),
/// embedded so that the binary scores it from any directory.
pub const GOLD_DEV: &str = include_str!("../data/gold_dev.jsonl");
/// The held-out gold set shipped with the crate (`data/gold_heldout.jsonl`).
pub const GOLD_HELDOUT: &str = include_str!("../data/gold_heldout.jsonl");

/// Speaker label of a quote in a reader comment, in gold files and scores.
pub const COMMENT_SPEAKER: &str = "@comment";

/// One gold quote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldQuote {
    pub span: CharSpan,
    /// Name (or role when no name is given; `@comment` in a comment; None: no speaker).
    pub speaker: Option<String>,
    pub kind: QuoteKind,
}

/// One gold paragraph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldDoc {
    pub id: String,
    pub lang: Option<String>,
    pub text: String,
    /// Reader comments (the rest of the text is the article body).
    pub comments: Vec<CharSpan>,
    pub quotes: Vec<GoldQuote>,
}

#[derive(Deserialize)]
struct RawQuote {
    text: String,
    speaker: Option<String>,
    kind: QuoteKind,
}

#[derive(Deserialize)]
struct RawDoc {
    id: String,
    #[serde(default)]
    lang: Option<String>,
    text: String,
    #[serde(default)]
    comments: Vec<String>,
    #[serde(default)]
    quotes: Vec<RawQuote>,
}

fn char_pos(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

/// Finds `needle` in `text` from byte `from`, skipping spans already used.
fn locate(text: &str, needle: &str, used: &[CharSpan]) -> Option<CharSpan> {
    let (start, end) = match needle.split_once(" ... ") {
        Some((s, e)) => (s, Some(e)),
        None => (needle, None),
    };
    let mut from = 0;
    while let Some(off) = text.get(from..).and_then(|t| t.find(start)) {
        let b = from + off;
        let mut e = b + start.len();
        if let Some(end) = end {
            let off2 = text[e..].find(end)?;
            e = e + off2 + end.len();
        }
        let span = CharSpan {
            begin: char_pos(text, b),
            end: char_pos(text, e),
        };
        if !used.contains(&span) {
            return Some(span);
        }
        from = b + start.len().max(1);
        while !text.is_char_boundary(from) {
            from += 1;
        }
    }
    None
}

/// Parses a gold file (JSON lines: `id`, `lang`, `text`, `comments` as
/// strings of the text, `quotes` as `{text, speaker, kind}` with the quoted
/// words as written; `"start ... end"` spans a quote across paragraphs).
pub fn parse_gold(jsonl: &str) -> Result<Vec<GoldDoc>, String> {
    let mut out = Vec::new();
    for (n, line) in jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let r: RawDoc = serde_json::from_str(line).map_err(|e| format!("line {}: {e}", n + 1))?;
        let mut comments = Vec::new();
        for c in &r.comments {
            comments.push(
                locate(&r.text, c, &comments)
                    .ok_or_else(|| format!("{}: comment not found: {c}", r.id))?,
            );
        }
        let mut quotes: Vec<GoldQuote> = Vec::new();
        for q in &r.quotes {
            let used: Vec<CharSpan> = quotes.iter().map(|g| g.span).collect();
            let span = locate(&r.text, &q.text, &used)
                .ok_or_else(|| format!("{}: quote not found: {}", r.id, q.text))?;
            quotes.push(GoldQuote {
                span,
                speaker: q.speaker.clone(),
                kind: q.kind,
            });
        }
        out.push(GoldDoc {
            id: r.id,
            lang: r.lang,
            text: r.text,
            comments,
            quotes,
        });
    }
    Ok(out)
}

/// Scores of one evaluation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct QuoteScores {
    pub gold: usize,
    pub predicted: usize,
    pub matched: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Matched quotes whose speaker is right.
    pub speaker_correct: usize,
    /// `speaker_correct / matched`.
    pub speaker_accuracy: f64,
    /// Speaker right over all gold quotes (a missed quote counts as wrong).
    pub speaker_recall: f64,
    /// Matched quotes whose kind (direct, indirect, mixed) is right.
    pub kind_correct: usize,
    /// One line per error, for reading.
    pub errors: Vec<String>,
}

/// What a prediction says about the speaker, as a label comparable with gold.
pub fn speaker_label(q: &Quote) -> Option<String> {
    if let Resolution::Comment { .. } = q.resolution {
        return Some(COMMENT_SPEAKER.to_string());
    }
    q.speaker
        .as_ref()
        .and_then(|s| s.label().map(str::to_string))
}

/// Same speaker: equal after folding, or one's words contained in the
/// other's ("Lavrov" and "Sergueï Lavrov").
pub fn same_speaker(gold: Option<&str>, pred: Option<&str>) -> bool {
    match (gold, pred) {
        (None, None) => true,
        (Some(g), Some(p)) => {
            let g = fold_words(g);
            let p = fold_words(p);
            if g == p {
                return true;
            }
            let gw: Vec<&str> = g.split(' ').filter(|w| !w.is_empty()).collect();
            let pw: Vec<&str> = p.split(' ').filter(|w| !w.is_empty()).collect();
            !gw.is_empty()
                && !pw.is_empty()
                && (gw.iter().all(|w| pw.contains(w)) || pw.iter().all(|w| gw.contains(w)))
        }
        _ => false,
    }
}

/// Scores `predicted[i]` (the quotes extracted from `gold[i].text`) against `gold`.
pub fn evaluate(gold: &[GoldDoc], predicted: &[Vec<Quote>]) -> QuoteScores {
    let mut s = QuoteScores::default();
    let empty = Vec::new();
    for (i, g) in gold.iter().enumerate() {
        let preds = predicted.get(i).unwrap_or(&empty);
        s.gold += g.quotes.len();
        s.predicted += preds.len();
        let mut cand: Vec<(usize, usize, usize)> = Vec::new();
        for (gi, gq) in g.quotes.iter().enumerate() {
            for (pi, pq) in preds.iter().enumerate() {
                let ov = gq.span.overlap(&pq.span);
                if ov * 2 >= gq.span.len().max(1) && ov * 2 >= pq.span.len().max(1) && ov > 0 {
                    cand.push((ov, gi, pi));
                }
            }
        }
        cand.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let mut gused = vec![false; g.quotes.len()];
        let mut pused = vec![false; preds.len()];
        let chars: Vec<char> = g.text.chars().collect();
        let show = |sp: CharSpan| crate::text::slice(&chars, sp.begin, sp.end);
        for (_, gi, pi) in cand {
            if gused[gi] || pused[pi] {
                continue;
            }
            gused[gi] = true;
            pused[pi] = true;
            s.matched += 1;
            let gq = &g.quotes[gi];
            let pq = &preds[pi];
            let pl = speaker_label(pq);
            if same_speaker(gq.speaker.as_deref(), pl.as_deref()) {
                s.speaker_correct += 1;
            } else {
                s.errors.push(format!(
                    "{}: speaker {:?} expected {:?} for «{}»",
                    g.id,
                    pl,
                    gq.speaker,
                    show(gq.span)
                ));
            }
            if gq.kind == pq.kind {
                s.kind_correct += 1;
            }
        }
        for (gi, u) in gused.iter().enumerate() {
            if !u {
                s.errors
                    .push(format!("{}: missed «{}»", g.id, show(g.quotes[gi].span)));
            }
        }
        for (pi, u) in pused.iter().enumerate() {
            if !u {
                s.errors.push(format!(
                    "{}: spurious «{}» ({:?})",
                    g.id,
                    show(preds[pi].span),
                    speaker_label(&preds[pi])
                ));
            }
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    s.precision = ratio(s.matched, s.predicted);
    s.recall = ratio(s.matched, s.gold);
    s.f1 = if s.precision + s.recall == 0.0 {
        0.0
    } else {
        2.0 * s.precision * s.recall / (s.precision + s.recall)
    };
    s.speaker_accuracy = ratio(s.speaker_correct, s.matched);
    s.speaker_recall = ratio(s.speaker_correct, s.gold);
    s
}

/// Extracts the quotes of every gold paragraph (body = everything outside
/// its comments) and scores them.
pub fn run(gold: &[GoldDoc]) -> (Vec<Vec<Quote>>, QuoteScores) {
    let predicted: Vec<Vec<Quote>> = gold
        .iter()
        .map(|g| crate::extract(&g.text, &[], &g.comments, g.lang.as_deref()))
        .collect();
    let scores = evaluate(gold, &predicted);
    (predicted, scores)
}
