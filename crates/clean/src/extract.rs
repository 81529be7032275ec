//! Main-text extractors compared by `eval_extraction`.

use crate::charset::decode_html;

/// Which main-text extractor to run on an HTML page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extractor {
    /// The `trafilatura` crate (Rust port of go-trafilatura), balanced, with fallback.
    Trafilatura,
    /// The `trafilatura` crate favouring recall.
    TrafilaturaRecall,
    /// The `dom_smoothie` crate (Mozilla Readability port).
    #[cfg(feature = "dom-smoothie")]
    DomSmoothie,
    /// Our merge: page blocks voted on by both extractors and our block classifier.
    Combined,
    /// Our block classifier on trafilatura's choice alone (no dom_smoothie).
    CombinedSingle,
    /// Experiment: both outputs concatenated.
    #[cfg(feature = "dom-smoothie")]
    Union,
}

impl Extractor {
    pub fn all() -> Vec<Extractor> {
        let mut v = vec![
            Extractor::Combined,
            Extractor::CombinedSingle,
            Extractor::Trafilatura,
            Extractor::TrafilaturaRecall,
        ];
        #[cfg(feature = "dom-smoothie")]
        v.push(Extractor::DomSmoothie);
        #[cfg(feature = "dom-smoothie")]
        v.push(Extractor::Union);
        v
    }

    pub fn name(&self) -> &'static str {
        match self {
            Extractor::Trafilatura => "trafilatura",
            Extractor::TrafilaturaRecall => "trafilatura-recall",
            Extractor::Combined => "combined",
            Extractor::CombinedSingle => "combined-single",
            #[cfg(feature = "dom-smoothie")]
            Extractor::DomSmoothie => "dom_smoothie",
            #[cfg(feature = "dom-smoothie")]
            Extractor::Union => "union",
        }
    }

    /// Extracts the main text of a page given as bytes.
    pub fn extract_text(&self, html: &[u8], url: Option<&str>) -> Result<String, String> {
        let (page, _) = decode_html(html, None);
        match self {
            Extractor::Combined => {
                crate::html::clean_html(html, url, &crate::record::CleanOptions::default())
                    .map(|c| c.body_text())
            }
            Extractor::CombinedSingle => {
                let opts = crate::record::CleanOptions {
                    use_second_extractor: false,
                    ..Default::default()
                };
                crate::html::clean_html(html, url, &opts).map(|c| c.body_text())
            }
            Extractor::Trafilatura | Extractor::TrafilaturaRecall => {
                let mut opts = trafilatura::Options::default().with_fallback(true);
                if *self == Extractor::TrafilaturaRecall {
                    opts = opts.with_focus(trafilatura::ExtractionFocus::FavorRecall);
                }
                if let Some(u) = url.and_then(|u| url::Url::parse(u).ok()) {
                    opts = opts.with_url(u);
                }
                trafilatura::extract(&page, &opts)
                    .map(|r| r.content_text)
                    .map_err(|e| e.to_string())
            }
            #[cfg(feature = "dom-smoothie")]
            Extractor::Union => {
                let a = Extractor::Trafilatura
                    .extract_text(html, url)
                    .unwrap_or_default();
                let b = Extractor::DomSmoothie
                    .extract_text(html, url)
                    .unwrap_or_default();
                Ok(format!("{a}\n{b}"))
            }
            #[cfg(feature = "dom-smoothie")]
            Extractor::DomSmoothie => {
                let mut r = dom_smoothie::Readability::new(page.as_str(), url, None)
                    .map_err(|e| e.to_string())?;
                r.parse()
                    .map(|a| a.text_content.to_string())
                    .map_err(|e| e.to_string())
            }
        }
    }
}
