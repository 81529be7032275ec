//! Extraction quality on a folder of annotated pages, with trafilatura's
//! metric: a `with` segment found in the output is a true positive, one not
//! found a false negative, a `without` segment found a false positive; all
//! texts whitespace-normalised; counts summed over pages.

use std::path::Path;

use serde::Serialize;

/// Summed counts and the scores derived from them.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ExtractionScores {
    pub pages: usize,
    /// Pages listed in the annotations whose file could not be read.
    pub missing: usize,
    /// Pages whose extraction returned an error (scored as empty output).
    pub failed: usize,
    pub true_pos: usize,
    pub false_neg: usize,
    pub false_pos: usize,
    pub true_neg: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Wall time spent inside the extractor, in seconds.
    pub seconds: f64,
}

impl ExtractionScores {
    fn finish(&mut self) {
        let tp = self.true_pos as f64;
        let fp = self.false_pos as f64;
        let fneg = self.false_neg as f64;
        self.precision = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
        self.recall = if tp + fneg > 0.0 {
            tp / (tp + fneg)
        } else {
            0.0
        };
        self.f1 = if tp > 0.0 {
            2.0 * tp / (2.0 * tp + fp + fneg)
        } else {
            0.0
        };
    }

    /// Pages per second of extractor time.
    pub fn pages_per_second(&self) -> f64 {
        if self.seconds > 0.0 {
            (self.pages - self.missing) as f64 / self.seconds
        } else {
            0.0
        }
    }
}

/// Collapses every run of whitespace to one space and trims.
pub fn normalise_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Per-page outcome, for diagnostics.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PageScore {
    pub file: String,
    pub missed: Vec<String>,
    pub leaked: Vec<String>,
    pub true_pos: usize,
}

/// Evaluates `extractor` (HTML bytes, URL → main text) on `dir`, which holds
/// `annotations.json` (URL → `{file, with, without}`) and the pages, either
/// beside it or in `dir/pages/`.
pub fn eval_extraction<F>(dir: &Path, extractor: F) -> Result<ExtractionScores, String>
where
    F: FnMut(&[u8], Option<&str>) -> Result<String, String>,
{
    eval_extraction_detailed(dir, extractor).map(|(s, _)| s)
}

/// Like [`eval_extraction`], also returning each page's missed and leaked segments.
pub fn eval_extraction_detailed<F>(
    dir: &Path,
    mut extractor: F,
) -> Result<(ExtractionScores, Vec<PageScore>), String>
where
    F: FnMut(&[u8], Option<&str>) -> Result<String, String>,
{
    let ann_path = dir.join("annotations.json");
    let raw = std::fs::read(&ann_path).map_err(|e| format!("{}: {e}", ann_path.display()))?;
    let ann: serde_json::Map<String, serde_json::Value> =
        serde_json::from_slice(&raw).map_err(|e| format!("{}: {e}", ann_path.display()))?;
    let pages_dir = if dir.join("pages").is_dir() {
        dir.join("pages")
    } else {
        dir.to_path_buf()
    };
    let mut scores = ExtractionScores::default();
    let mut details = Vec::new();
    let mut keys: Vec<&String> = ann.keys().collect();
    keys.sort();
    for url in keys {
        let entry = &ann[url];
        let Some(file) = entry.get("file").and_then(|f| f.as_str()) else {
            continue;
        };
        scores.pages += 1;
        let strings = |k: &str| -> Vec<String> {
            entry
                .get(k)
                .and_then(|v| v.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|s| s.as_str())
                        .map(normalise_ws)
                        .collect()
                })
                .unwrap_or_default()
        };
        let with = strings("with");
        let without = strings("without");
        let Ok(bytes) = std::fs::read(pages_dir.join(file)) else {
            scores.missing += 1;
            continue;
        };
        let t0 = std::time::Instant::now();
        let out = extractor(&bytes, Some(url));
        scores.seconds += t0.elapsed().as_secs_f64();
        let text = match out {
            Ok(t) => normalise_ws(&t),
            Err(_) => {
                scores.failed += 1;
                String::new()
            }
        };
        let mut page = PageScore {
            file: file.to_string(),
            ..Default::default()
        };
        for w in &with {
            if !text.is_empty() && text.contains(w.as_str()) {
                scores.true_pos += 1;
                page.true_pos += 1;
            } else {
                scores.false_neg += 1;
                page.missed.push(w.clone());
            }
        }
        for w in &without {
            if !text.is_empty() && text.contains(w.as_str()) {
                scores.false_pos += 1;
                page.leaked.push(w.clone());
            } else {
                scores.true_neg += 1;
            }
        }
        details.push(page);
    }
    scores.finish();
    Ok((scores, details))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metric_on_a_tiny_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("annotations.json"),
            r#"{"http://a/1": {"file": "a.html", "with": ["alpha  beta", "gamma"], "without": ["menu"]},
                "http://a/2": {"file": "missing.html", "with": ["x"], "without": []}}"#,
        )
        .unwrap();
        std::fs::write(dir.path().join("a.html"), "alpha\n beta menu").unwrap();
        let s = eval_extraction(dir.path(), |b, _| {
            Ok(String::from_utf8_lossy(b).into_owned())
        })
        .unwrap();
        assert_eq!((s.pages, s.missing), (2, 1));
        assert_eq!(
            (s.true_pos, s.false_neg, s.false_pos, s.true_neg),
            (1, 1, 1, 0)
        );
        assert!((s.f1 - 0.5).abs() < 1e-9);
    }
}
