//! The cleaned record and its parts.

use echotrace_core::model::CharSpan;
use serde::{Deserialize, Serialize};

use crate::dates::DateInfo;
use crate::furniture::Reason;

/// Options of the cleaning stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CleanOptions {
    /// Language to assume (ISO 639-1) when detection is unsure or the text is
    /// short; detection still runs and is reported.
    pub language_hint: Option<String>,
    /// Minimum whatlang confidence for a detected language to be used for
    /// stop words (the detected language is reported whatever its confidence).
    pub min_language_confidence: f64,
    /// A text line counts as running text from this many words (with enough
    /// stop words) …
    pub min_prose_words: usize,
    /// … and this share of stop words (for languages with a stop-word list).
    pub min_stopword_density: f64,
    /// Look for a reader-comment section and split it.
    pub split_comments: bool,
    /// HTML: run the second extractor (dom_smoothie) to recover paragraphs
    /// the first one missed.
    pub use_second_extractor: bool,
    /// Pages larger than this (bytes) are cut before parsing.
    pub max_html_bytes: usize,
}

impl Default for CleanOptions {
    fn default() -> Self {
        CleanOptions {
            language_hint: None,
            min_language_confidence: 0.3,
            min_prose_words: 10,
            min_stopword_density: 0.12,
            split_comments: true,
            use_second_extractor: true,
            max_html_bytes: 8 << 20,
        }
    }
}

/// A detected language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Language {
    /// ISO 639-1 code (ISO 639-3 when the language has no two-letter code).
    pub code: String,
    /// whatlang's confidence, 0..1; for a language taken from the site
    /// (`from_site`), the lowest confidence the site's language was
    /// detected with.
    pub confidence: f64,
    /// True when the document's own stop words confirmed its site's settled
    /// language (see [`crate::SiteTemplates::settled_language`]) and
    /// detection did not run.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub from_site: bool,
}

/// One reader comment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comment {
    pub author: Option<String>,
    pub date: Option<DateInfo>,
    pub text: String,
    /// 0 for a top-level comment, 1 for a reply, …
    pub depth: usize,
    /// Index of the comment it replies to, when the nesting shows it.
    pub parent: Option<usize>,
    /// Where the comment's text is in `Cleaned::text`.
    pub span: CharSpan,
    /// Stretches of the comment that copy the article body: a quote inside
    /// the page, not reuse between outlets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotes_article: Vec<CommentQuote>,
}

/// A stretch of a reader comment that copies the article body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommentQuote {
    /// The copy, in `Cleaned::text`.
    pub comment: CharSpan,
    /// What it copies, in `Cleaned::text`.
    pub body: CharSpan,
    /// Words copied.
    pub words: usize,
}

/// A piece of text set aside, with why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Furniture {
    pub span: CharSpan,
    pub reason: Reason,
}

/// What happened to one line (text input) or block (HTML).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "detail", rename_all = "snake_case")]
pub enum LineKind {
    /// Part of the article body.
    Body,
    /// The article's title (not part of the body).
    Title,
    /// Byline or dateline above the body (author, date).
    Byline,
    /// Set aside as page furniture.
    Furniture(Reason),
    /// Start of the comment section ("43 commentaires sur …").
    CommentHeader,
    /// Part of comment number n (index into `Cleaned::comments`).
    Comment(usize),
    /// Empty line.
    Blank,
}

/// The decision on one line, for `show --raw`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LineDecision {
    pub span: CharSpan,
    pub kind: LineKind,
}

/// An article record ready for tracing.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Cleaned {
    /// For text input, the text exactly as given; for HTML, the page's text
    /// (one block per line, furniture included) extracted from the markup.
    pub text: String,
    /// Character ranges of `text` (half-open, Unicode scalar offsets) that
    /// form the article body, in order.
    pub body: Vec<CharSpan>,
    pub title: Option<String>,
    pub date: Option<DateInfo>,
    /// Outlet or site name.
    pub site: Option<String>,
    pub author: Option<String>,
    pub language: Option<Language>,
    pub url: Option<String>,
    pub comments: Vec<Comment>,
    /// Everything removed from the body and not a comment.
    pub furniture: Vec<Furniture>,
    /// Every line of `text` with its decision.
    pub lines: Vec<LineDecision>,
}

impl Cleaned {
    /// The body as one string: the body spans joined with newlines.
    pub fn body_text(&self) -> String {
        let chars: Vec<char> = self.text.chars().collect();
        let mut out = String::new();
        for s in &self.body {
            if !out.is_empty() {
                out.push('\n');
            }
            let e = s.end.min(chars.len());
            let b = s.begin.min(e);
            out.extend(&chars[b..e]);
        }
        out
    }

    /// The characters of `text` in `span`.
    pub fn slice(&self, span: CharSpan) -> String {
        self.text
            .chars()
            .skip(span.begin)
            .take(span.len())
            .collect()
    }
}
